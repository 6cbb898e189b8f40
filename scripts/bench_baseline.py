"""The benchmark's baseline: a minimal Flask JSON endpoint, served exactly like the product."""

from flask import Flask, request

app = Flask(__name__)


@app.post("/echo")
def echo() -> tuple[dict[str, object], int]:
    body = request.get_json()
    return {"received": len(body.get("answers", {}))}, 201
