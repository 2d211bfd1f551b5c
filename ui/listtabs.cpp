#include "listtabs.h"

#include <QSignalBlocker>

ListTabs::ListTabs(QWidget *parent)
    : QTabBar(parent) {
    setObjectName(QStringLiteral("listTabs"));
    setDocumentMode(true);
    setExpanding(false);
    setDrawBase(false);
    connect(this, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_lists.size())
            Q_EMIT listChosen(m_lists.at(index));
    });
}

void ListTabs::setLists(const QList<SuppressionList> &lists) {
    const SuppressionList current = currentList();
    const QSignalBlocker quiet(this); // the window sets the list itself
    while (count() > 0)
        removeTab(0);
    m_lists = lists;
    for (int index = 0; index < m_lists.size(); ++index) {
        addTab(QString());
        setTabData(index, int(m_lists.at(index)));
        updateText(index);
    }
    if (indexOf(current) >= 0)
        setCurrentIndex(indexOf(current));
}

SuppressionList ListTabs::currentList() const {
    const int index = currentIndex();
    return index >= 0 && index < m_lists.size() ? m_lists.at(index) : SuppressionList::Bounces;
}

void ListTabs::setCurrentList(SuppressionList list) {
    if (indexOf(list) >= 0)
        setCurrentIndex(indexOf(list));
}

void ListTabs::setCount(SuppressionList list, qsizetype rows) {
    m_counts.insert(int(list), rows);
    if (indexOf(list) >= 0)
        updateText(indexOf(list));
}

void ListTabs::clearCounts() {
    m_counts.clear();
    for (int index = 0; index < m_lists.size(); ++index)
        updateText(index);
}

void ListTabs::updateText(int index) {
    const SuppressionList list = m_lists.at(index);
    const QString title = suppressionListTitle(list);
    if (m_counts.contains(int(list)))
        setTabText(index, tr("%1 (%L2)").arg(title).arg(m_counts.value(int(list))));
    else
        setTabText(index, title);
}
