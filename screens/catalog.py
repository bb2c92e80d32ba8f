"""Managers: the remedy catalog and policy (portal/ui/staff/catalog.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.catalog import main

main()
