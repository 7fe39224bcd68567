"""Serve a directory over HTTPS on 127.0.0.1 (a free port) with the test CA's server
certificate, for bench/remote.sh. Prints the port, then serves until killed.
Counts requests in DIR/../requests.log so a benchmark can check it fetched what it
meant to."""
import functools
import http.server
import ssl
import sys

directory, cert, key, log = sys.argv[1:5]


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        with open(log, "a") as f:
            f.write(self.path + "\n")


httpd = http.server.ThreadingHTTPServer(
    ("127.0.0.1", 0), functools.partial(Handler, directory=directory)
)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
