"""The longest event-loop stall per phase, shared by the benchmarks that measure one.

A task sleeps 1 ms in a loop on the app's event loop; the longest gap between two wake-ups
in a phase is the longest the UI could not have answered a key during it.
"""

from __future__ import annotations

import asyncio


class StallProbe:
    def __init__(self, *phases: str) -> None:
        self.worst = dict.fromkeys(phases, 0.0)
        self.phase = ""  # what is being measured now; "" measures nothing

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(0.001)
            now = loop.time()
            if self.phase:
                self.worst[self.phase] = max(self.worst[self.phase], now - last)
            last = now
