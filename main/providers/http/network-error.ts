// A socket's failure said in words: which server, and what went wrong (refused, unknown name, dropped, a certificate
// not trusted), by the error's code.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { INTERNAL_ADDRESS } from './internal-address.js';

export function networkError(err: NodeJS.ErrnoException, where: string): AppError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new AppError('network', phrase('errors:http.refused', { host: where }));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('network', phrase('errors:http.notFound', { host: where.replace(/:\d+$/, '') }));
    case INTERNAL_ADDRESS: {
      const { address } = err as { address?: unknown };
      return new AppError('insecure', phrase('errors:http.internalAddress', { host: where, address: typeof address === 'string' ? address : '' }));
    }
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError('network', phrase('errors:http.dropped', { host: where }));
    default:
      if (isCertificateRefusal(err)) return new AppError('network', phrase('errors:http.untrusted', { host: where, code: err.code ?? '' }));
      return new AppError('network', err.code ? phrase('errors:http.networkCode', { host: where, code: err.code }) : phrase('errors:http.network', { host: where }));
  }
}

/** A certificate this side would not trust: OpenSSL's verification codes, and Node's name check. */
export function isCertificateRefusal(err: NodeJS.ErrnoException): boolean {
  return /^(?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(?:VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT(?:_LOCALLY)?)|CERT_[A-Z_]+|ERR_TLS_CERT_ALTNAME_INVALID)$/.test(err.code ?? '');
}

/**
 * A failure of TLS itself: a certificate refused, or a handshake that went wrong (the peer does not speak TLS…).
 * OpenSSL's own errors come as ERR_SSL_…, or as EPROTO when they surface through a write.
 */
export function isTlsFailure(err: NodeJS.ErrnoException): boolean {
  return isCertificateRefusal(err) || /^(?:ERR_(?:SSL|TLS)_|EPROTO$)/.test(err.code ?? '');
}
