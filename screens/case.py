"""One case, for staff (portal/ui/staff/case.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.case import main

main()
