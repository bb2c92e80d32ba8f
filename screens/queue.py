"""The staff case queue (portal/ui/staff/queue.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.queue import main

main()
