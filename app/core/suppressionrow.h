#pragma once

#include "bounce.h"
#include "bounceclass.h"
#include "bouncestore.h"
#include "suppressionlist.h"

#include <optional>
#include <string_view>

// One stored row of any list, read through the list's columns. Every list keeps its rows in
// BounceStore's four slots: email; status (bounces, blocks) | ip (spam reports) | group id
// (group unsubscribes); reason (bounces, blocks, invalid emails) | group name; created.
// The CSV export (window and command line) and Copy Rows read cells here, so they agree.
struct SuppressionRow {
    std::string_view email;
    std::string_view statusSlot;
    std::string_view reasonSlot;
    std::string_view created;
    // The type and class derived when the row was stored (BounceStore::kind(), bounceClass()),
    // so a million-row export does not derive them again; empty for rows from elsewhere:
    // derived when asked.
    std::optional<BounceDerivation> stored = std::nullopt;

    static SuppressionRow fromStore(const BounceStore &store, BounceStore::Row row) {
        return {store.emailUtf8(row), store.statusUtf8(row), store.reasonUtf8(row),
                store.createdUtf8(row), BounceDerivation{store.kind(row), store.bounceClass(row)}};
    }
};

// The cell of `column` as UTF-8: a view into the row's texts, or for Type ("hard", "soft", "")
// and Class (SendGrid's name, see bounceclass.h) a constant derived from status and reason.
// Inline: a million-row export asks it six million times.
inline std::string_view suppressionCellUtf8(const SuppressionRow &row, SuppressionColumn column) {
    switch (column) {
    case SuppressionColumn::Email:
        return row.email;
    case SuppressionColumn::Status:
    case SuppressionColumn::Ip:
    case SuppressionColumn::GroupId:
        return row.statusSlot;
    case SuppressionColumn::Reason:
    case SuppressionColumn::GroupName:
        return row.reasonSlot;
    case SuppressionColumn::Created:
        return row.created;
    case SuppressionColumn::Type:
        return bounceKindNameUtf8(row.stored ? row.stored->kind
                                             : bounceKindForStatus(row.statusSlot));
    case SuppressionColumn::Class:
        return bounceClassNameUtf8(row.stored ? row.stored->bounceClass
                                              : classifyBounce(row.statusSlot, row.reasonSlot));
    }
    return {};
}
