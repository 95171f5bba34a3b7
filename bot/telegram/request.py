"""How the bot's calls reach the Bot API: python-telegram-bot's httpx request, with the
parameters sent as one JSON body instead of a form."""

from __future__ import annotations

from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

# python-telegram-bot marks a timeout the caller did not give with a ``DefaultValue``
_NOT_GIVEN = type(BaseRequest.DEFAULT_NONE)


class JsonBodyRequest(HTTPXRequest):
    """``HTTPXRequest`` that sends a call's parameters as ``application/json``, which the Bot
    API accepts as well as a form (except for uploads: those still go as multipart forms).

    Why: python-telegram-bot sends a urlencoded form, and urllib quotes it byte by byte in
    Python. For the bot's typical message (about 400 characters of HTML and a keyboard) that
    is about 60 us per call here, against 15 us to encode the same parameters as JSON; the
    body is also up to three times smaller in Russian. Kept with ``bot.telegram.sending``'s
    direct calls: together they pay on the whole bot (``benchmarks/bench_bypasses.py``).
    """

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )  # fmt: skip
        own = self._client.timeout
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, own.connect),
            read=_given(read_timeout, own.read),
            write=_given(write_timeout, own.write),
            pool=_given(pool_timeout, own.pool),
        )
        try:
            response = await self._client.request(
                method=method,
                url=url,
                headers={"User-Agent": self.USER_AGENT, "Content-Type": "application/json"},
                timeout=timeout,
                content=request_data.json_payload,
            )
        # the same errors as python-telegram-bot's own request raises
        except httpx.PoolTimeout as error:
            raise TimedOut(
                "Pool timeout: all connections in the pool are occupied; the request was not "
                "sent to Telegram"
            ) from error
        except httpx.TimeoutException as error:
            raise TimedOut from error
        except httpx.HTTPError as error:
            raise NetworkError(f"httpx.{type(error).__name__}: {error}") from error
        return response.status_code, response.content


def _given(timeout: Any, own: float | None) -> float | None:
    return own if isinstance(timeout, _NOT_GIVEN) else timeout
