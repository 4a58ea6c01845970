"""The tracker's date and time formats, one per language (settings.FORMAT_MODULE_PATH).

Every page, email, chart and export text shows a day as DATE_FORMAT and a moment as
DATETIME_FORMAT (the SHORT_ variants are the same, so no template can pick a third one),
on a 24-hour clock. Anything not set here (numbers, input formats) is Django's own.
"""
