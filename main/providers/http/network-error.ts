// A socket's failure said in words: which server, and what went wrong (refused, unknown name, dropped, a certificate
// not trusted), by the error's code.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

export function networkError(err: NodeJS.ErrnoException, where: string): AppError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new AppError('network', phrase('errors:http.refused', { host: where }));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('network', phrase('errors:http.notFound', { host: where.replace(/:\d+$/, '') }));
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError('network', phrase('errors:http.dropped', { host: where }));
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new AppError(
        'network',
        phrase('errors:http.untrusted', { host: where, code: err.code }),
      );
    default:
      return new AppError('network', err.code ? phrase('errors:http.networkCode', { host: where, code: err.code }) : phrase('errors:http.network', { host: where }));
  }
}
