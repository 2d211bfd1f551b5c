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

SandboxSuppression row(const char *email, qint64 created, const char *status = "",
                       const char *reason = "", const char *ip = "") {
    return {text(email), created, text(status), text(reason), text(ip)};
}

const char kJordan[] = "jordan.lee@example.com";

// v3: the parent account's own lists, a few groups, every subuser's other lists, customer
// accounts, and jordan.lee@example.com on several lists of several tenants (find / clear).
void addV3Demo(SandboxData &data) {
    using List = SuppressionList;
    const SandboxTenant parent = SandboxTenant::parent();
    data.setSuppressions(
        parent, List::Bounces,
        {row(kJordan, 1735689600, "5.1.1",
             "550 5.1.1 The email account that you tried to reach does not exist."),
         row("billing+eu@example.com", 1714557600, "5.2.2", "552 5.2.2 Mailbox full"),
         row("Mixed.Case@Example.ORG", 1704067200, "4.0.0",
             "421 4.0.0 Temporary system problem. Try again later."),
         row("marketing@example.net", 1696118400, "5.7.1", "554 5.7.1 Relay access denied"),
         row("=cmd|' /C calc'!A0@hostile.example", 1690000000, "5.1.1",
             "<img src=x onerror=alert(1)>")});
    data.setSuppressions(
        parent, List::Blocks,
        {row(kJordan, 1735776000, "4.2.2", "452 4.2.2 The email account is over quota"),
         row("deferred@example.net", 1717200000, "4.4.7",
             "Delivery time expired: unable to deliver for 72 hours"),
         row("billing+eu@example.com", 1714644000, "5.7.1", "554 5.7.1 Blocked by policy")});
    data.setSuppressions(parent, List::InvalidEmails,
                         {row("jordan.lee@exmaple.com", 1735862400, "", "Known bad domain"),
                          row("no-tld@localhost", 1709251200, "", "Invalid address")});
    data.setSuppressions(parent, List::SpamReports,
                         {row("angry@example.org", 1711929600, "", "", "192.0.2.17"),
                          row(kJordan, 1735948800, "", "", "198.51.100.4")});
    data.setSuppressions(parent, List::Unsubscribes,
                         {row(kJordan, 1736035200), row("bye@example.com", 1701388800)});
    data.setGroup(parent, {101, text("Newsletter"), text("The monthly newsletter"), true},
                  {row(kJordan, 1736121600), row("bye@example.com", 1701475200)});
    data.setGroup(parent, {102, text("Product updates"), text("Release notes"), false},
                  {row(kJordan, 1736208000)});
    data.setGroup(parent, {103, text("Billing notices"), text("Invoices and receipts"), false}, {});

    // Every subuser: the other lists generated in proportion to its bounces, and one group.
    qint64 groupId = 200;
    for (const Customer &customer : data.customers()) {
        const SandboxTenant subuser = SandboxTenant::subuser(customer.username);
        const qsizetype n = data.bounceCount(customer.username);
        data.addGeneratedSuppressions(subuser, List::Blocks, n / 4 + 3);
        data.addGeneratedSuppressions(subuser, List::InvalidEmails, n / 10 + 2);
        data.addGeneratedSuppressions(subuser, List::SpamReports, n / 20 + 1);
        data.addGeneratedSuppressions(subuser, List::Unsubscribes, n / 10 + 2);
        data.setGroup(
            subuser, {++groupId, text("Newsletter"), text("News and offers"), true},
            {row("reader@example.com", 1700000000), row("former.reader@example.org", 1702592000)});
    }
    data.setRegion(QStringLiteral("cafe-rene"), QStringLiteral("eu"));
    const auto jordanOn = [&](const char *username, List list, const SandboxSuppression &entry) {
        data.addSuppressions(SandboxTenant::subuser(text(username)), list, {entry});
    };
    jordanOn("acme", List::Blocks,
             row(kJordan, 1735000000, "4.2.2", "452 4.2.2 Mailbox full, try again later"));
    jordanOn("acme", List::Unsubscribes, row(kJordan, 1735100000));
    jordanOn("globex", List::InvalidEmails, row(kJordan, 1735200000, "", "Invalid address"));
    jordanOn("cafe-rene", List::Blocks,
             row(kJordan, 1735300000, "5.7.1", "554 5.7.1 Message rejected as spam"));
    jordanOn("tyrell", List::SpamReports, row(kJordan, 1735400000, "", "", "203.0.113.9"));
    data.setGroup(SandboxTenant::subuser(QStringLiteral("hooli")),
                  {150, text("Weekly digest"), text("Digest of the week"), false},
                  {row(kJordan, 1735500000)});

    // Customer accounts (Account Provisioning API); the second has no email, as allowed.
    data.addPartnerAccount({QStringLiteral("sg3f9a1c2e7b5d4e6f8a0b1c2d3e4f5a6b"),
                            QStringLiteral("accounts@northwind.example"),
                            QStringLiteral("2022-01-02T15:04:05Z"), QStringLiteral("activated")});
    data.addPartnerAccount({QStringLiteral("sg7c1e5d3b9a2f4e6c8b0a1d2e3f4a5b6c"), QString(),
                            QStringLiteral("2023-05-06T07:08:09Z"), QStringLiteral("deactivated")});
    data.addPartnerAccount({QStringLiteral("sg0b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a"),
                            QStringLiteral("ops@contoso.example"),
                            QStringLiteral("2024-02-29T12:00:00Z"), QStringLiteral("activated")});
    for (const SandboxPartnerAccount &account : data.partnerAccounts()) {
        const SandboxTenant tenant = SandboxTenant::account(account.id);
        data.addGeneratedSuppressions(tenant, List::Bounces, 120);
        data.addGeneratedSuppressions(tenant, List::Blocks, 30);
        data.addGeneratedSuppressions(tenant, List::InvalidEmails, 8);
        data.addGeneratedSuppressions(tenant, List::SpamReports, 3);
        data.addGeneratedSuppressions(tenant, List::Unsubscribes, 10);
    }
    data.addSuppressions(
        SandboxTenant::account(QStringLiteral("sg3f9a1c2e7b5d4e6f8a0b1c2d3e4f5a6b")), List::Bounces,
        {row(kJordan, 1735600000, "5.1.1", "550 5.1.1 User unknown")});
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
    addV3Demo(data);
}
