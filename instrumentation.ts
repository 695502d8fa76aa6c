import type { Instrumentation } from 'next';
import { logRequestError } from '@/lib/request-errors';

export const onRequestError: Instrumentation.onRequestError = (error, request) => logRequestError(error, request);
