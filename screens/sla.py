"""Managers: response targets (portal/ui/staff/sla.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.sla import main

main()
