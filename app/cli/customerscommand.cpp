#include "customerscommand.h"

#include "console.h"

#include "api/resellerclient.h"

#include <QStringList>

#include <array>

namespace {

using Columns = std::array<QString, 4>;

Columns columnsOf(const Customer &customer) {
    const QString name =
        QStringList{customer.firstName.trimmed(), customer.lastName.trimmed()}.join(
            QLatin1Char(' '));
    return {Console::plainLine(customer.username), Console::plainLine(customer.email),
            Console::plainLine(name.trimmed()),
            customer.active ? QStringLiteral("yes") : QStringLiteral("no")};
}

} // namespace

QStringList CustomersCommand::tabSeparatedLines(const QList<Customer> &customers) {
    QStringList lines;
    lines.reserve(customers.size());
    for (const Customer &customer : customers) {
        const Columns columns = columnsOf(customer);
        lines << QStringList(columns.begin(), columns.end()).join(QLatin1Char('\t'));
    }
    return lines;
}

QStringList CustomersCommand::tableLines(const QList<Customer> &customers) {
    QList<Columns> rows{{QStringLiteral("USERNAME"), QStringLiteral("EMAIL"),
                         QStringLiteral("NAME"), QStringLiteral("ACTIVE")}};
    for (const Customer &customer : customers)
        rows << columnsOf(customer);
    std::array<qsizetype, 4> widths{};
    for (const Columns &row : std::as_const(rows)) {
        for (size_t i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row[i].size());
    }
    QStringList lines;
    for (const Columns &row : std::as_const(rows)) {
        QString line;
        for (size_t i = 0; i + 1 < row.size(); ++i)
            line += row[i].leftJustified(widths[i]) + QLatin1String("  ");
        lines << line + row.back();
    }
    return lines;
}

void CustomersCommand::start(ResellerClient *client) {
    CustomerListJob *job = client->listCustomers();
    connect(job, &CustomerListJob::finished, this, [this, job](const QList<Customer> &customers) {
        const QStringList lines =
            Console::stdoutIsTerminal() ? tableLines(customers) : tabSeparatedLines(customers);
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
    connect(job, &CustomerListJob::failed, this, [this](const ApiError &error) {
        Console::printError(QStringLiteral("could not list the customers: %1")
                                .arg(Console::plainLine(error.message())));
        Q_EMIT finished(ExitFailure);
    });
}
