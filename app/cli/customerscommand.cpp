#include "customerscommand.h"

#include "console.h"

#include "api/suppressionclient.h"

#include <QStringList>

#include <array>

namespace {

using Columns = QStringList;

Columns columnsOf(const Customer &customer, bool withRegion) {
    const QString name =
        QStringList{customer.firstName.trimmed(), customer.lastName.trimmed()}.join(
            QLatin1Char(' '));
    Columns columns{Console::plainLine(customer.username), Console::plainLine(customer.email),
                    Console::plainLine(name.trimmed()),
                    customer.active ? QStringLiteral("yes") : QStringLiteral("no")};
    if (withRegion)
        columns << (customer.region.isEmpty() ? QStringLiteral("global")
                                              : Console::plainLine(customer.region));
    return columns;
}

} // namespace

QStringList CustomersCommand::tabSeparatedLines(const QList<Customer> &customers, bool withRegion) {
    QStringList lines;
    lines.reserve(customers.size());
    for (const Customer &customer : customers)
        lines << columnsOf(customer, withRegion).join(QLatin1Char('\t'));
    return lines;
}

QStringList CustomersCommand::tableLines(const QList<Customer> &customers, bool withRegion) {
    QList<Columns> rows{{QStringLiteral("USERNAME"), QStringLiteral("EMAIL"),
                         QStringLiteral("NAME"), QStringLiteral("ACTIVE")}};
    if (withRegion)
        rows.first() << QStringLiteral("REGION");
    for (const Customer &customer : customers)
        rows << columnsOf(customer, withRegion);
    std::array<qsizetype, 5> widths{};
    for (const Columns &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[std::size_t(i)] = qMax(widths[std::size_t(i)], row[i].size());
    }
    QStringList lines;
    for (const Columns &row : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i + 1 < row.size(); ++i)
            line += row[i].leftJustified(widths[std::size_t(i)]) + QLatin1String("  ");
        lines << line + row.back();
    }
    return lines;
}

void CustomersCommand::start(SuppressionClient *client) {
    TenantListJob *job = client->listCustomers();
    const bool withRegion = client->api() == ApiVersion::V3;
    connect(job, &TenantListJob::finished, this,
            [this, job, withRegion](const QList<Customer> &customers) {
                const QStringList lines = Console::stdoutIsTerminal()
                                              ? tableLines(customers, withRegion)
                                              : tabSeparatedLines(customers, withRegion);
                for (const QString &line : lines)
                    Console::printLine(line);
                // What was read is printed; a list that may be incomplete is never a success.
                if (!job->warning().isEmpty()) {
                    Console::flushOutput();
                    Console::printError(job->warning());
                    Q_EMIT finished(ExitFailure);
                    return;
                }
                Q_EMIT finished(ExitSuccess);
            });
    connect(job, &TenantListJob::failed, this, [this](const ApiError &error) {
        Console::printError(QStringLiteral("could not list the customers: %1")
                                .arg(Console::plainLine(error.message())));
        Q_EMIT finished(ExitFailure);
    });
}
