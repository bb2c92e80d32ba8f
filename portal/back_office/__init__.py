"""The staff side: accounts and sessions, the queue, the case file, insights and privacy."""
