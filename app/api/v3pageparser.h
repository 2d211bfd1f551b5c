#pragma once

#include "core/bouncestore.h"
#include "core/suppressionlist.h"
#include "parse/parseresult.h"

#include <QByteArray>
#include <QObject>

#include <memory>

// One page of a v3 list as V3PageParser made it: its rows in the store's slots, the entries
// it held (rows without an address included, so a short page is told by the count), or why
// it could not be read.
struct V3ParsedPage {
    int index = 0;
    ParseResult result;
    BounceStore rows;
    qsizetype count = 0;
};

// Reads the pages of one V3ListLoad on the client's parser thread: the JSON, the ISO dates
// and each bounce's class cost about as much as receiving the page, and on the thread that
// owns the load (the window's GUI thread, the command line's only one) they held up the
// answers of the pages after it. Here a page is read while the next ones arrive. Lives in the
// parser thread; the load queues pages to it and gets them back through parsed(), in the
// order they came.
class V3PageParser final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(V3PageParser)
public:
    explicit V3PageParser(SuppressionList list);

    // Call queued, from the load's thread.
    void parse(int index, const QByteArray &body);

Q_SIGNALS:
    void parsed(std::shared_ptr<V3ParsedPage> page);

private:
    const SuppressionList m_list;
};
