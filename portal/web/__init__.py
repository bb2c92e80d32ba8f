"""Routes of our own beside Streamlit's, served by portal/asgi.py: HTML and HTTP, no Streamlit script."""
