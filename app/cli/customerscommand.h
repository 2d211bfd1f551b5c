#pragma once

#include "apicommand.h"

#include "core/customer.h"

// `bouncedesk customers`: one line per customer. Tab-separated (username, email, name, active)
// when piped, an aligned table with a header when standard output is a terminal.
class CustomersCommand final : public ApiCommand {
    Q_OBJECT
public:
    using ApiCommand::ApiCommand;
    void start(ResellerClient *client) override;

    // The lines as printed; public for clarity of what the command promises.
    static QStringList tabSeparatedLines(const QList<Customer> &customers);
    static QStringList tableLines(const QList<Customer> &customers);
};
