#pragma once

#include "core/suppressionlist.h"

#include <QHash>
#include <QTabBar>

// One tab per suppression list above the table, each named for its list and, once that list
// was loaded, its row count ("Blocks (1,234)"). Under v2 only bounces exist: one tab.
class ListTabs final : public QTabBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListTabs)
public:
    explicit ListTabs(QWidget *parent = nullptr);

    void setLists(const QList<SuppressionList> &lists); // the current list stays when offered
    QList<SuppressionList> lists() const { return m_lists; }
    SuppressionList currentList() const;
    void setCurrentList(SuppressionList list);
    int indexOf(SuppressionList list) const { return int(m_lists.indexOf(list)); }

    void setCount(SuppressionList list, qsizetype rows);
    void clearCounts(); // another customer

Q_SIGNALS:
    void listChosen(SuppressionList list);

private:
    void updateText(int index);

    QList<SuppressionList> m_lists;
    QHash<int, qsizetype> m_counts; // per list, once loaded
};
