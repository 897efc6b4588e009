#!/usr/bin/env python3
"""Creator keys on the LedgerQA devnet, from Python.

Talks to a running devnet over JSON-RPC (see docs/API.md): makes a fresh Ed25519
account, funds it from the faucet, deploys a creator_keys instance, configures it
(key price 1000 wei, fees 9000/1000 bps), registers the creator "alice", reads a
buy quote, buys one key paying exactly total_amount, and reads the sell quote.

Usage:
    python3 creator_keys_demo.py [RPC_URL]      # default http://127.0.0.1:8545/rpc

Needs Python 3.10+ with only the standard library and the `cryptography` package.
Exits with status 1 and a message on any error.
"""

import hashlib
import json
import sys
import urllib.error
import urllib.request

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
except ImportError:  # pragma: no cover
    sys.exit("error: this example needs the 'cryptography' package (pip install cryptography)")

DEFAULT_URL = "http://127.0.0.1:8545/rpc"


class DemoError(Exception):
    """Anything that should stop the demo with a message."""


# --------------------------------------------------------------------------------------
# RFC 8785 canonical JSON, for the value types envelopes use: objects, arrays, strings,
# integers, booleans and null. (Amounts are decimal strings on the wire, so no floats.)
# Python's json module with these options produces exactly RFC 8785 for those types:
# keys sorted (by code point, which equals UTF-16 order for the ASCII keys used here),
# no whitespace, non-ASCII characters written as UTF-8, minimal escapes.
# --------------------------------------------------------------------------------------
def canonical_json(value) -> bytes:
    def check(v):
        if isinstance(v, float):
            raise DemoError("canonical_json: floats are not supported (amounts are decimal strings)")
        if isinstance(v, dict):
            for k, item in v.items():
                if not isinstance(k, str):
                    raise DemoError(f"canonical_json: object key {k!r} is not a string")
                check(item)
        elif isinstance(v, (list, tuple)):
            for item in v:
                check(item)

    check(value)
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------
# JSON-RPC 2.0 over HTTP
# --------------------------------------------------------------------------------------
class RPC:
    def __init__(self, url: str):
        self.url = url
        self.next_id = 1

    def call(self, method: str, params: dict | None = None):
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}}
        self.next_id += 1
        body = json.dumps(request).encode("utf-8")
        http = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(http, timeout=30) as response:
                raw = response.read()
        except urllib.error.HTTPError as e:
            raise DemoError(f"{method}: HTTP {e.code} from {self.url}: {e.read()[:200]!r}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise DemoError(f"{method}: cannot reach the devnet at {self.url}: {reason}") from None
        try:
            answer = json.loads(raw)
        except ValueError:
            raise DemoError(f"{method}: the answer is not JSON: {raw[:200]!r}") from None
        if "error" in answer:
            err = answer["error"]
            data = f" data={json.dumps(err['data'])}" if "data" in err else ""
            raise DemoError(f"{method}: JSON-RPC error {err.get('code')}: {err.get('message')}{data}")
        if "result" not in answer:
            raise DemoError(f"{method}: the answer has neither result nor error: {answer}")
        return answer["result"]


# --------------------------------------------------------------------------------------
# Accounts and signed transactions
# --------------------------------------------------------------------------------------
class Account:
    def __init__(self, rpc: RPC, chain_id: str):
        self.rpc = rpc
        self.chain_id = chain_id
        self.key = Ed25519PrivateKey.generate()
        public = self.key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.address = "n" + public.hex()  # SPEC 1: 'n' + 64 lowercase hex of the public key

    def send(self, contract: str, method: str, args: dict) -> dict:
        """Signs and sends one call; returns the receipt, failing if the call reverted."""
        nonce = self.rpc.call("nat_getNonce", {"address": self.address})
        envelope = {
            "chain_id": self.chain_id,
            "from": self.address,
            "nonce": nonce,
            "call": {"contract": contract, "method": method, "args": args},
        }
        message = canonical_json(envelope)
        signature = self.key.sign(message).hex()  # 128 lowercase hex
        tx_hash = hashlib.sha256(message).hexdigest()
        receipt = self.rpc.call("nat_sendTransaction", {"envelope": envelope, "signature": signature})
        if receipt.get("hash") != tx_hash:
            raise DemoError(f"{contract}.{method}: receipt hash {receipt.get('hash')} != sha256(canonical envelope) {tx_hash}")
        if receipt.get("status") != "success":
            error = receipt.get("error") or {}
            raise DemoError(
                f"{contract}.{method} reverted: {error.get('name')} ({error.get('contract')} error {error.get('code')}); "
                f"receipt {json.dumps(receipt)}")
        return receipt


def show(title: str, value) -> None:
    print(f"{title}:")
    print(json.dumps(value, indent=2, sort_keys=True))


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL
    rpc = RPC(url)

    info = rpc.call("devnet_info")
    chain_id = info["chain_id"]
    print(f"devnet {url}: chain_id {chain_id}, gas_price {info['gas_price']} wei")

    alice = Account(rpc, chain_id)
    print(f"account {alice.address}")
    funded = rpc.call("devnet_faucet", {"address": alice.address})  # 1000 NAT by default
    print(f"faucet: {funded['nat']} wei; balance {rpc.call('nat_getBalance', {'address': alice.address})} wei")

    deployed = alice.send("deployer", "deploy", {"kind": "creator_keys"})
    keys = deployed["result"]["contract"]
    print(f"deployed creator_keys {keys} (gas {deployed['gas_used']}, fee {deployed['fee']} wei)")

    alice.send(keys, "set_key_price", {"price": "1000"})
    alice.send(keys, "set_fee_config", {"creator_bps": 9000, "protocol_bps": 1000})
    alice.send(keys, "register_creator", {"handle": "alice"})
    print("set price 1000, fee config 9000/1000, registered creator \"alice\"")

    def read(method: str, args: dict):
        return rpc.call("nat_call", {"contract": keys, "method": method, "args": args})

    quote = read("get_buy_quote", {"creator": alice.address})
    show("buy quote", quote)

    receipt = alice.send(keys, "buy_key", {"creator": alice.address, "payment": quote["total_amount"]})
    show("buy_key receipt", receipt)

    sell = read("get_sell_quote", {"creator": alice.address, "holder": alice.address})
    show("sell quote", sell)

    supply = read("get_total_key_supply", {"creator": alice.address})
    print(f"supply {supply}, balance {rpc.call('nat_getBalance', {'address': alice.address})} wei")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DemoError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    except (KeyError, TypeError) as e:
        print(f"error: unexpected answer shape from the devnet: {e!r}", file=sys.stderr)
        sys.exit(1)
