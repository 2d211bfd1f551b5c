#include "sandboxdemo.h"

#include "sandboxdata.h"

namespace {

struct DemoCustomer {
    const char *id; // "" for a customer the API lists without an id
    const char *username;
    const char *email;
    const char *firstName;
    const char *lastName;
    bool active;
    const char *address;
    const char *city;
    const char *state;
    const char *zip;
    const char *country;
    const char *phone;
    const char *website;
    qsizetype generated; // generated rows; -1: the hand-written list below
};

// clang-format off
const DemoCustomer kCustomers[] = {
    {"1001", "acme", "support@acme-corp.example", "Wile E.", "Coyote", true,
     "1 Desert Road", "Phoenix", "AZ", "85001", "US", "+1 602 555 0100", "https://acme-corp.example", -1},
    {"1002", "globex", "ops@globex.example", "Hank", "Scorpio", true,
     "42 Cypress Creek", "Springfield", "OR", "97477", "US", "+1 541 555 0142", "https://globex.example", 5000},
    {"1003", "initech", "it@initech.example", "Bill", "Lumbergh", true,
     "4120 Freidrich Lane", "Austin", "TX", "78744", "US", "+1 512 555 0199", "https://initech.example", 20000},
    {"1004", "umbrella", "mail@umbrella.example", "Albert", "Wesker", true,
     "545 S Birdseye Rd", "Raccoon City", "MI", "48901", "US", "+1 517 555 0111", "https://umbrella.example", 1234},
    {"1005", "hooli", "dev@hooli.example", "Gavin", "Belson", true,
     "1 Hooli Way", "Palo Alto", "CA", "94301", "US", "+1 650 555 0123", "https://hooli.example", 0},
    {"1006", "stark", "pepper@stark.example", "Pepper", "Potts", true,
     "10880 Malibu Point", "Malibu", "CA", "90265", "US", "+1 310 555 0188", "https://stark.example", 321},
    {"", "wayne", "alfred@wayne.example", "Alfred", "Pennyworth", true,
     "1007 Mountain Drive", "Gotham", "NJ", "07001", "US", "+1 201 555 0107", "https://wayne.example", 2500},
    {"1008", "reports+eu@soylent.example", "reports+eu@soylent.example", "Sølvi", "Ødegård", true,
     "Storgata 1", "Oslo", "", "0155", "NO", "+47 22 55 01 08", "https://soylent.example", 64},
    {"1009", "kobayashi-shoji", "info@kobayashi.example", "健太", "小林", true,
     "丸の内1-1", "東京", "", "100-0005", "JP", "+81 3 5555 0109", "https://kobayashi.example", 150},
    {"1010", "cafe-rene", "rene@cafe-rene.example", "René", "Dubé-Lefèvre", true,
     "12 rue de la Paix", "Paris", "", "75002", "FR", "+33 1 55 55 01 10", "https://cafe-rene.example", 12},
    {"1011", "tyrell", "eldon@tyrell.example", "Eldon", "Tyrell", false,
     "Tyrell Pyramid", "Los Angeles", "CA", "90012", "US", "+1 213 555 0111", "https://tyrell.example", 3000},
    {"1012", "oscorp", "norman@oscorp.example", "Norman \"Gobby\"", "<b>Osborn</b>", true,
     "=HYPERLINK(\"http://evil.example\")", "New York", "NY", "10001", "US", "+1 212 555 0112",
     "javascript:alert(1)", -1},
    {"1013", "vandelay", "art@vandelay.example", "Art", "Vandelay", true,
     "129 W 81st St", "New York", "NY", "10024", "US", "+1 212 555 0113", "https://vandelay.example", 1},
};

const char *const kAcmeRows[][4] = {
    {"john.doe@acme-corp.example", "5.1.1",
     "host mx.acme-corp.example said: 550 5.1.1 <john.doe@acme-corp.example>: Recipient address rejected: User unknown",
     "2024-03-14 09:26:53"},
    {"a+tag@b.com", "5.1.1",
     "host mx.b.com said: 550 5.1.1 <a+tag@b.com>: Recipient address rejected: User unknown",
     "2024-01-02 03:04:05"},
    {"sales+eu@acme-corp.example", "5.2.2",
     "host mx.acme-corp.example said: 552 5.2.2 <sales+eu@acme-corp.example>: Mailbox full",
     "2023-11-30 23:59:59"},
    {"jürgen.müller@beispiel.example", "5.1.1",
     "host mx.beispiel.example said: 550 5.1.1 Empfänger unbekannt – Postfach existiert nicht",
     "2023-07-01 00:00:00"},
    {"françois@exemple.example", "4.2.2",
     "host mx.exemple.example said: 452 4.2.2 Boîte aux lettres pleine, réessayez plus tard",
     "2024-05-31 12:00:00"},
    {"yamada@example.jp", "5.7.1",
     "host mx.example.jp said: 554 5.7.1 迷惑メールとして拒否されました 🚫", "2024-02-29 18:45:00"},
    {"Mixed.Case@ACME-corp.example", "4.4.7",
     "Delivery time expired: unable to deliver to <Mixed.Case@ACME-corp.example> for 72 hours",
     "2025-04-01 08:15:30"},
    {"o'brien@acme-corp.example", "550",
     "host mx.acme-corp.example said: 550 Requested action not taken: mailbox unavailable",
     "2023-09-15 14:30:00"},
    {"ops@acme-corp.example", "4.0.0",
     "host mx.acme-corp.example said: 421 4.0.0 Temporary system problem. Try again later.",
     "2024-12-24 23:00:01"},
    {"legacy@acme-corp.example", "5.0.0",
     "host [127.0.0.1] said: 550 5.0.0 <legacy@acme-corp.example>... User unknown",
     "2023-06-02 06:07:08"},
};

const char *const kOscorpRows[][4] = {
    {"xss@hostile.example", "5.7.1", "<img src=x onerror=alert(1)>", "2024-06-01 10:00:00"},
    {"bold@hostile.example", "5.0.0", "<b>bold</b> and <a href=\"http://evil.example/\">a link</a>",
     "2024-06-02 10:00:00"},
    {"formula@hostile.example", "5.1.1", "=cmd|' /C calc'!A0", "2024-06-03 10:00:00"},
    {"+SUM(1)@hostile.example", "550", "+SUM(1)", "2024-06-04 10:00:00"},
    {"-2@hostile.example", "4.0.0", "-2", "2024-06-05 10:00:00"},
    {"at@hostile.example", "4.4.7", "@x", "2024-06-06 10:00:00"},
    {"quote@hostile.example", "5.1.1", "host said: \"no such user\", giving up, \"really\"",
     "2024-06-07 10:00:00"},
    {"crlf@hostile.example", "5.1.1", "first line\r\nsecond line, with a comma\nthird line",
     "2024-06-08 10:00:00"},
    {"backslash@hostile.example", "5.2.2", "C:\\spool\\mail \\\"quoted\\\" \\u0041 is not an escape",
     "2024-06-09 10:00:00"},
    {"control@hostile.example", "4.2.2", "tab\there, bell\x07, unit separator\x1f, DEL\x7f",
     "2024-06-10 10:00:00"},
    {"cdata@hostile.example", "5.7.1", "]]> <![CDATA[ x ]]> &amp; & bare ampersand &lt;",
     "2024-06-11 10:00:00"},
    {"\"quoted local\"@hostile.example", "5.1.1", "\tleading tab, trailing space ",
     "2024-06-12 10:00:00"},
};
// clang-format on

QString text(const char *utf8) {
    return QString::fromUtf8(utf8);
}

template<std::size_t N>
QList<Bounce> toBounces(const char *const (&rows)[N][4]) {
    QList<Bounce> result;
    for (const auto &row : rows)
        result.append(Bounce{text(row[0]), text(row[1]), text(row[2]), text(row[3])});
    return result;
}

} // namespace

void addDemoAccounts(SandboxData &data) {
    for (const DemoCustomer &demo : kCustomers) {
        SandboxProfile profile;
        profile.customer.id = text(demo.id);
        profile.customer.username = text(demo.username);
        profile.customer.email = text(demo.email);
        profile.customer.firstName = text(demo.firstName);
        profile.customer.lastName = text(demo.lastName);
        profile.customer.active = demo.active;
        profile.address = text(demo.address);
        profile.city = text(demo.city);
        profile.state = text(demo.state);
        profile.zip = text(demo.zip);
        profile.country = text(demo.country);
        profile.phone = text(demo.phone);
        profile.website = text(demo.website);
        data.setProfile(profile);
        if (demo.generated >= 0)
            data.addGeneratedCustomer(profile.customer.username, demo.generated);
    }
    data.setBounces(QStringLiteral("acme"), toBounces(kAcmeRows));
    data.setBounces(QStringLiteral("oscorp"), toBounces(kOscorpRows));
}
