#include "apinetworkmanager.h"

#include "bufferedplainhttpproxyfactory.h"

#include <QNetworkAccessManager>

QNetworkAccessManager *newApiNetworkManager(QObject *parent, PlainHttpReads reads) {
    auto *manager = new QNetworkAccessManager(parent);
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // Without a factory of its own the manager asks the application's proxy settings, as
    // BufferedPlainHttpProxyFactory does.
    if (reads == PlainHttpReads::Buffered)
        manager->setProxyFactory(new BufferedPlainHttpProxyFactory); // the manager owns it
    return manager;
}
