"""What makes a staff password acceptable: long enough, not the username, not a known or easily guessed one."""

from __future__ import annotations

from screening.text import bilingual

MIN_PASSWORD_LENGTH = 12
# zxcvbn's scale: 0-2 fall to an online or a throttled guessing attack within days; 3 and up do not.
MIN_STRENGTH = 3

Text = dict[str, str]


def password_problems(password: str, username: str) -> list[Text]:
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
    # Imported here: its frequency lists take a moment to load, and only account changes need them.
    from zxcvbn import zxcvbn

    if zxcvbn(password, user_inputs=[name, "sumbar", "siaga", "satgas", "padang"])["score"] < MIN_STRENGTH:
        return [
            bilingual(
                "Kata sandi ini umum atau mudah ditebak; pakai beberapa kata acak atau pengelola kata sandi.",
                "This password is common or easy to guess; use several random words or a password manager.",
            )
        ]
    return []
