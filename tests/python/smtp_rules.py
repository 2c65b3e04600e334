"""A test SMTP handler that stores messages like aiosmtpd's Mailbox, but
answers some recipients the way real servers do: an address starting with
"refused" gets a permanent 550 at RCPT, and one starting with "busy" a
temporary 451, so tests can watch the outbox tell the two apart. One starting
with "slow" is accepted after a fifth of a second, like a busy relay."""

import asyncio

from aiosmtpd.handlers import Mailbox


class Rules(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("refused"):
            return "550 5.1.1 No such user here"
        if local.startswith("busy"):
            return "451 4.3.0 Try again later"
        if local.startswith("slow"):
            await asyncio.sleep(0.2)
        envelope.rcpt_tos.append(address)
        return "250 OK"
