#!/usr/bin/env python3
"""A stand-in for a team's webhook endpoint (the README's "local receiver on port 9000"): answers
every POST with 204 and appends its JSON body, one line per request, to FILE.
   python3 .ci/webhook-receiver.py PORT FILE"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, out = int(sys.argv[1]), sys.argv[2]


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps(json.loads(body), separators=(",", ":")) + "\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, fmt, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Hook).serve_forever()
