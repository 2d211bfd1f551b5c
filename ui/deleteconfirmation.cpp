#include "deleteconfirmation.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

QString DeleteConfirmation::consentText() {
    return tr("The recipient asked to receive mail again");
}

QMessageBox *DeleteConfirmation::open(QWidget *parent, const QString &title, const QString &text,
                                      bool consent, std::function<void(bool accepted)> answer) {
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setTextFormat(Qt::PlainText); // addresses and names are untrusted text
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    if (consent) {
        // Spam reports and unsubscribes are the recipient's own wish: removed only on theirs.
        auto *asked = new QCheckBox(consentText(), box);
        asked->setObjectName(QStringLiteral("recipientConsented"));
        box->setCheckBox(asked);
        remove->setEnabled(false);
        QObject::connect(asked, &QCheckBox::toggled, remove, &QPushButton::setEnabled);
    }
    QObject::connect(box, &QMessageBox::finished, box, [box, remove, answer = std::move(answer)] {
        answer(box->clickedButton() == remove && remove->isEnabled());
    });
    box->open();
    return box;
}
