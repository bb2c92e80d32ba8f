"""Managers: the check-in's wording (portal/ui/staff/wording.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.wording import main

main()
