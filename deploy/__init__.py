"""Serving the built site: deploy/nginx.conf for a web server, serve.py for one machine."""
