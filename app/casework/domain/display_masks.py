"""Identity and phone numbers as shown to a person: partly hidden, the same in the window and
on the command line (a terminal is as easy to read over a shoulder as a screen). Only what
identifies a hit stays: the area of first registration and the last four characters."""

from __future__ import annotations

MASK_CHAR = "*"


def mask_id_number(number: str | None) -> str:
    """An identity number with the birth date and sequence hidden (440104********123X); search
    still finds it by its tail."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + MASK_CHAR * (len(number) - 2)
    return number[:6] + MASK_CHAR * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """A phone number with its middle four digits hidden (138****5678)."""
    if not phone:
        return ""
    if len(phone) < 8:
        return phone
    return phone[:3] + MASK_CHAR * 4 + phone[7:]
