#include "customer.h"

QString Customer::displayName() const {
    const QString first = firstName.trimmed();
    const QString last = lastName.trimmed();
    if (first.isEmpty() && last.isEmpty())
        return username;
    if (first.isEmpty())
        return last;
    if (last.isEmpty())
        return first;
    return first + QLatin1Char(' ') + last;
}
