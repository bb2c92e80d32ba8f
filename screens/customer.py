"""The customer's page: the recovery conversation, then their case (portal/ui/customer_page.py).

Streamlit runs this file whole on every rerun, so it is only the call; the page's code is imported once.
"""

from portal.ui.customer_page import main

main()
