import { html } from '../html';
import { BRAND, htmlDocument, textDocument } from './layout';
import type { Addressee, MessageOf, RenderedMessage } from './template-message';

/** Account mail: what happened, a link to act on, and what to do if it was not you. */
function linkMail(to: Addressee, mail: { subject: string; intro: string; link: string; linkText: string; after: string; sms: string }): RenderedMessage {
  return {
    subject: mail.subject,
    text: textDocument(to, [mail.intro, `${mail.linkText}: ${mail.link}`, mail.after]),
    html: htmlDocument(
      to,
      mail.subject,
      html`<p>${mail.intro}</p>
<p><a href="${mail.link}">${mail.linkText}</a></p>
<p>${mail.after}</p>`,
    ),
    sms: mail.sms,
  };
}

export function renderVerifyEmail(to: Addressee, { data }: MessageOf<'verify-email'>): RenderedMessage {
  return linkMail(to, {
    subject: `Verify your email address for ${BRAND}`,
    intro: `Someone, hopefully you, registered a ${BRAND} account with this address. Follow the link to verify it.`,
    link: data.link,
    linkText: 'Verify my email address',
    after: `The link works once, within ${data.validHours} hours. If it was not you, ignore this message: the account cannot order anything until the address is verified.`,
    sms: `${BRAND}: verify your email address with the link we emailed you.`,
  });
}

export function renderRegistrationAttempted(to: Addressee, { data }: MessageOf<'registration-attempted'>): RenderedMessage {
  return linkMail(to, {
    subject: `Someone tried to register with your address at ${BRAND}`,
    intro: `Someone just tried to register a new ${BRAND} account with this email address, which already has one: yours. Nothing was changed.`,
    link: data.resetLink,
    linkText: 'If it was you and you forgot your password, set a new one',
    after: 'If it was not you, you need do nothing.',
    sms: `${BRAND}: someone tried to register with your email address; nothing was changed.`,
  });
}

export function renderPasswordReset(to: Addressee, { data }: MessageOf<'password-reset'>): RenderedMessage {
  return linkMail(to, {
    subject: `Set a new ${BRAND} password`,
    intro: `Someone, hopefully you, asked to reset the password of your ${BRAND} account. Follow the link to set a new one.`,
    link: data.link,
    linkText: 'Set a new password',
    after: `The link works once, within ${data.validMinutes} minutes; only the latest link you asked for works. If it was not you, ignore this message: your password stays as it is.`,
    sms: `${BRAND}: use the link we emailed you to set a new password.`,
  });
}

export function renderPasswordChanged(to: Addressee, { data }: MessageOf<'password-changed'>): RenderedMessage {
  const how = data.how === 'reset' ? 'with a password reset link, and every session was signed out' : 'from your profile, and your other sessions were signed out';
  return linkMail(to, {
    subject: `Your ${BRAND} password was changed`,
    intro: `The password of your ${BRAND} account was just changed ${how}.`,
    link: data.resetLink,
    linkText: 'If it was not you, reset your password at once',
    after: 'And tell us: reply to this message.',
    sms: `${BRAND}: your password was changed. Not you? Reset it now.`,
  });
}
