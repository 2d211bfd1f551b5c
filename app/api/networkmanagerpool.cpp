#include "networkmanagerpool.h"

#include "apinetworkmanager.h"

#include <QNetworkAccessManager>

NetworkManagerPool::NetworkManagerPool(int managers, QObject *parent)
    : QObject(parent) {
    for (int i = 0; i < qMax(1, managers); ++i) {
        m_managers << newApiNetworkManager(this);
        m_busy << 0;
    }
}

QNetworkAccessManager *NetworkManagerPool::managerWithRoom() const {
    qsizetype best = 0;
    for (qsizetype i = 0; i < m_managers.size(); ++i) {
        if (m_busy.at(i) < connectionsPerManager)
            return m_managers.at(i);
        if (m_busy.at(i) < m_busy.at(best))
            best = i;
    }
    return m_managers.at(best);
}

void NetworkManagerPool::countUntilDestroyed(QNetworkAccessManager *manager, QObject *user) {
    const qsizetype index = m_managers.indexOf(manager);
    if (index < 0)
        return;
    ++m_busy[index];
    connect(user, &QObject::destroyed, this, [this, index] { --m_busy[index]; });
}
