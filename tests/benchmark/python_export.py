#!/usr/bin/env python3
"""Export a SendGrid reseller customer's bounces to CSV, the way a support engineer would
script it without BounceDesk: one POST to reseller.manage.json with urllib, json.load of the
whole body, csv.writer of the rows. bouncedesk_bench times it next to `bouncedesk export`.

Usage: python_export.py CUSTOMER OUTPUT.csv
Environment: SENDGRID_API_USER, SENDGRID_API_KEY, BOUNCEDESK_API_URL (default
https://api.sendgrid.com/apiv2/).
"""
import csv
import json
import os
import sys
import urllib.parse
import urllib.request


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    customer, output = sys.argv[1], sys.argv[2]
    base = os.environ.get("BOUNCEDESK_API_URL", "https://api.sendgrid.com/apiv2/")
    url = base.rstrip("/") + "/reseller.manage.json"
    form = urllib.parse.urlencode({
        "api_user": os.environ["SENDGRID_API_USER"],
        "api_key": os.environ["SENDGRID_API_KEY"],
        "method": "bounces",
        "task": "get",
        "user": customer,
        "date": "1",
    }).encode("ascii")
    with urllib.request.urlopen(urllib.request.Request(url, data=form)) as response:
        bounces = json.load(response)
    if not isinstance(bounces, list):
        sys.exit("the API answered with an error: %r" % (bounces,))
    with open(output, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["email", "status", "reason", "created"])
        for bounce in bounces:
            writer.writerow([bounce.get("email", ""), bounce.get("status", ""),
                             bounce.get("reason", ""), bounce.get("created", "")])


if __name__ == "__main__":
    main()
