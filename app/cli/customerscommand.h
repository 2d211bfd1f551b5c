#pragma once

#include "apicommand.h"

#include "core/customer.h"

// `bouncedesk customers`: one line per customer. Tab-separated (username, email, name, active;
// v3 adds region) when piped, an aligned table with a header when standard output is a
// terminal. v3 customer accounts: id, email, empty name, yes when activated, global.
class CustomersCommand final : public ApiCommand {
    Q_OBJECT
public:
    using ApiCommand::ApiCommand;
    void start(SuppressionClient *client) override;

    // The lines as printed; public for clarity of what the command promises.
    static QStringList tabSeparatedLines(const QList<Customer> &customers, bool withRegion = false);
    static QStringList tableLines(const QList<Customer> &customers, bool withRegion = false);
};
