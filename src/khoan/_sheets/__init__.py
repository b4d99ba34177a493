"""Spreadsheets in and out (published by :mod:`khoan.sheets`)."""
