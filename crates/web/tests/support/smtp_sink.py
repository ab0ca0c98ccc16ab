"""A real SMTP server on loopback for the mail tests (aiosmtpd, no mock).

Usage: python3 smtp_sink.py OUT_DIR

Listens on 127.0.0.1 on a free port, prints "PORT <n>" once it accepts
connections, and for every message received writes OUT_DIR/<n>.json: the
envelope, the headers the tests check, and each MIME part decoded (Python's
own e-mail parser, so the tests read what a mail client would show), beside
the raw OUT_DIR/<n>.eml. Runs until killed or until its stdin closes.
"""

import email
import email.policy
import json
import os
import socket
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:  # the Rust side reports this line as the failure
    print("MISSING aiosmtpd", flush=True)
    sys.exit(3)


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            parts.append(
                {
                    "content_type": part.get_content_type(),
                    "charset": part.get_content_charset(),
                    "transfer_encoding": part.get("Content-Transfer-Encoding"),
                    "text": part.get_content(),
                }
            )
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "subject": str(msg["subject"]),
            "content_language": msg.get("content-language"),
            "content_type": msg.get_content_type(),
            "message_id": msg.get("message-id"),
            "date": msg.get("date"),
            "parts": parts,
        }
        base = os.path.join(self.out, f"{n:04d}")
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        # Written under another name, then renamed: a reader never sees half a file.
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(base + ".json.tmp", base + ".json")
        return "250 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    controller = Controller(Sink(out), hostname="127.0.0.1", port=free_port())
    controller.start()
    print(f"PORT {controller.port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
