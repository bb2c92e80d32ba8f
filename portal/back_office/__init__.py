"""The staff side: accounts and sessions, the queue, the case file, SLA clocks, insights and privacy."""
