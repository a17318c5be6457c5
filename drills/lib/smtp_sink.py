#!/usr/bin/env python3
"""A minimal SMTP sink for the drills: accepts every message and appends one JSON line per
delivered message (Message-ID, recipient, subject, the port of the sink) to a file.
Usage: smtp_sink.py PORT OUTFILE"""
import json
import socketserver
import sys
import threading

LOCK = threading.Lock()


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 drill-sink ESMTP")
        rcpt = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode("utf-8", "replace").strip()
            verb = cmd[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 drill-sink")
            elif verb == "MAIL":
                rcpt = []
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpt.append(cmd[8:].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                headers, in_headers, message_id, subject = [], True, None, None
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    text = line.decode("utf-8", "replace").rstrip("\r\n")
                    if text == ".":
                        break
                    if in_headers:
                        if text == "":
                            in_headers = False
                        else:
                            low = text.lower()
                            if low.startswith("message-id:"):
                                message_id = text.split(":", 1)[1].strip()
                            elif low.startswith("subject:"):
                                subject = text.split(":", 1)[1].strip()
                with LOCK:
                    with open(sys.argv[2], "a", encoding="utf-8") as out:
                        out.write(json.dumps({"messageId": message_id, "to": rcpt, "subject": subject}) + "\n")
                self.reply("250 OK queued")
            elif verb == "RSET":
                rcpt = []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    open(sys.argv[2], "a").close()
    with Server(("127.0.0.1", int(sys.argv[1])), Handler) as server:
        server.serve_forever()
