"""Staff: who you are and, for managers, the team (portal/ui/staff/staff.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.staff import main

main()
