"""What makes a staff password acceptable: long enough, not the username, not the demo password, not built from
the product's and the province's names, not a known or easily guessed one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from api.secret_strength import PRODUCT_WORDS
from screening.text import bilingual

MIN_PASSWORD_LENGTH = 12
# zxcvbn's scale: 0-2 fall to an online or a throttled guessing attack within days; 3 and up do not.
MIN_STRENGTH = 3
# The demo accounts' password, published in the README: a real account must never have it.
PUBLISHED_DEMO_PASSWORD = "sumbar-demo-2020"
# Letters a password must keep once our words and the digits and punctuation around them are taken out.
MIN_OWN_LETTERS = 6
_LOOKALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})

Text = dict[str, str]


def _built_from_product_words(password: str) -> bool:
    """Whether the password has a product or place word and little else: fewer than MIN_OWN_LETTERS letters are
    left once those words are taken out (read plainly, and with look-alike digits read as letters)."""
    for reading in (password.lower(), password.lower().translate(_LOOKALIKES)):
        rest = reading
        for word in sorted(PRODUCT_WORDS, key=len, reverse=True):
            rest = rest.replace(word, " ")
        if rest != reading and len(re.sub(r"[^a-z]", "", rest)) < MIN_OWN_LETTERS:
            return True
    return False


def password_problems(password: str, username: str, demo_passwords: Iterable[str] = ()) -> list[Text]:
    """Every reason the password is refused, in both languages; empty when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [
            bilingual(
                f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
                f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
            )
        ]
    name = username.strip().lower()
    if name and name in password.lower():
        return [
            bilingual("Kata sandi tidak boleh memuat nama pengguna.", "The password must not contain the username.")
        ]
    demo = {PUBLISHED_DEMO_PASSWORD, *(d.lower() for d in demo_passwords if d)}
    if any(d in password.lower() for d in demo):
        return [
            bilingual(
                "Kata sandi demo tidak boleh dipakai untuk akun sungguhan; pakai beberapa kata acak.",
                "The demo password cannot be used for a real account; use several random words.",
            )
        ]
    if _built_from_product_words(password):
        return [
            bilingual(
                "Kata sandi ini dibangun dari nama produk atau tempat (sumbar, siaga, satgas, covid, demo, padang, …) "
                "yang ditebak lebih dulu; pakai beberapa kata acak lain.",
                "This password is built from the product's or places' names (sumbar, siaga, satgas, covid, demo, "
                "padang, …), which are guessed first; use several other random words.",
            )
        ]
    # Imported here: its frequency lists take a moment to load, and only account changes need them.
    from zxcvbn import zxcvbn

    if zxcvbn(password[:72], user_inputs=[name, *PRODUCT_WORDS, *demo])["score"] < MIN_STRENGTH:
        return [
            bilingual(
                "Kata sandi ini umum atau mudah ditebak; pakai beberapa kata acak atau pengelola kata sandi.",
                "This password is common or easy to guess; use several random words or a password manager.",
            )
        ]
    return []
