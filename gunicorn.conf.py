"""Gunicorn settings every web process of this project shares (gunicorn reads this file from the working folder)."""

# The access log names the time, method, path (without its query string), status, size and duration, and
# never the client's address or user agent: those are personal data, and an error report does not need them.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
