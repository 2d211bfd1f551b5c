#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

// SendGrid's six suppression lists. v3 serves all of them; v2's reseller call documents bounces
// only, so under v2 every other list is refused before anything is sent.
enum class SuppressionList : quint8 {
    Bounces,
    Blocks,
    InvalidEmails,
    SpamReports,
    Unsubscribes,      // global unsubscribes
    GroupUnsubscribes, // (address, group) pairs: one row per pair, never merged across groups
};

// The columns a list's rows carry, as the table shows them and the CSV names them. Type and
// Class are derived on this side from the status and the reason (the lists do not carry them).
enum class SuppressionColumn : quint8 {
    Email,
    Status,
    Reason,
    Created,
    Type,
    Class,
    Ip,
    GroupId,
    GroupName,
};

// Every list, in the order the window's tabs and `find` visit them.
QList<SuppressionList> allSuppressionLists();

// The command line's names: "bounces", "blocks", "invalid_emails", "spam_reports",
// "unsubscribes", "group_unsubscribes". Exact: scripts rely on them.
QString suppressionListCliName(SuppressionList list);
std::optional<SuppressionList> suppressionListFromCliName(QStringView name);

// The list's name for people, translated ("Bounces", "Invalid emails", ...).
QString suppressionListTitle(SuppressionList list);

// Spam reports and both kinds of unsubscribes record a recipient's wish: SendGrid asks that
// they be removed only when the recipient asked to receive mail again.
bool isConsentList(SuppressionList list);

// Bounces and blocks carry an RFC 3463 status: only their rows have a type and a class.
bool hasStatus(SuppressionList list);

// A list's columns in table and CSV order (exact: the CSV header is these names joined by ","):
//   bounces, blocks      email, status, reason, created, type, class
//   invalid_emails       email, reason, created
//   spam_reports         email, ip, created
//   unsubscribes         email, created
//   group_unsubscribes   email, group_id, group_name, created
QList<SuppressionColumn> suppressionColumns(SuppressionList list);

// "email", "status", "reason", "created", "type", "class", "ip", "group_id", "group_name".
QString suppressionColumnCsvName(SuppressionColumn column);

// The CSV header of a list: its columns' CSV names joined by "," (no line break).
QString suppressionCsvHeader(SuppressionList list);
