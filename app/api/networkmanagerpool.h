#pragma once

#include <QList>
#include <QObject>

class QNetworkAccessManager;

// Several QNetworkAccessManagers used as one, so that more requests to one host can be answered
// at once than one manager allows. Qt 6.4's manager opens at most six HTTP/1.1 connections per
// host and port and queues the rest (QHttp1Configuration, which raises that, came with Qt 6.5);
// each manager has its own connections (and its own HTTP thread), so `managers` of them carry
// up to 6 × `managers` requests at once. Over HTTP/2, which Qt negotiates on TLS when the
// server offers it, one manager would multiplex them all and the others cost a connection each.
// Every manager comes from newApiNetworkManager(): it refuses redirects and reads plain HTTP
// buffered.
class NetworkManagerPool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkManagerPool)
public:
    static constexpr int connectionsPerManager = 6; // Qt 6.4's fixed HTTP/1.1 limit per host

    explicit NetworkManagerPool(int managers, QObject *parent = nullptr);

    // The first manager with a connection to spare (so that up to six requests go out exactly
    // as through one manager, in order, on its connections), else the least busy one.
    QNetworkAccessManager *managerWithRoom() const;
    // Counts `user` (a call holding its replies there) against `manager` until it is destroyed.
    void countUntilDestroyed(QNetworkAccessManager *manager, QObject *user);

    int size() const { return int(m_managers.size()); }
    int busy(int index) const { return m_busy.at(index); }

private:
    QList<QNetworkAccessManager *> m_managers;
    QList<int> m_busy; // per manager: users not yet destroyed
};
