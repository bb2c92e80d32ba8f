"""Managers: insights and exports (portal/ui/staff/insights.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.insights import main

main()
