#include "apinetworkmanager.h"

#include "bufferedplainhttpproxyfactory.h"

#include <QNetworkAccessManager>

QNetworkAccessManager *newApiNetworkManager(QObject *parent) {
    auto *manager = new QNetworkAccessManager(parent);
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    manager->setProxyFactory(new BufferedPlainHttpProxyFactory); // the manager owns it
    return manager;
}
