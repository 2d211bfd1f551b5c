#include "suppressionrow.h"

#include "bounceclass.h"

std::string_view suppressionCellUtf8(const SuppressionRow &row, SuppressionColumn column) {
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
