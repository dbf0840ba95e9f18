import { QueryFailedError } from 'typeorm';
import { databaseFaultOf } from './database-faults.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('databaseFaultOf', () => {
  it.each<[string, unknown, ReturnType<typeof databaseFaultOf>]>([
    ['a refused connection', coded('connect ECONNREFUSED 127.0.0.1:55480', 'ECONNREFUSED'), 'unavailable'],
    ['a refused connection to every address of a host', new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), 'unavailable'],
    ['a reset connection', coded('read ECONNRESET', 'ECONNRESET'), 'unavailable'],
    ['a connection lost mid-statement', failed(new Error('Connection terminated unexpectedly')), 'unavailable'],
    ['the pool giving up on connecting', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['a connect timeout', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }), 'unavailable'],
    ['a statement with no answer', failed(new Error('Query read timeout')), 'unavailable'],
    ['an administrator shutdown (57P01)', failed(coded('terminating connection due to administrator command', '57P01')), 'unavailable'],
    ['a server starting or stopping (57P03)', coded('the database system is shutting down', '57P03'), 'unavailable'],
    ['too many connections (53300)', coded('sorry, too many clients already', '53300'), 'unavailable'],
    ['a connection exception (class 08)', coded('connection failure', '08006'), 'unavailable'],
    ['a statement timeout (57014)', failed(coded('canceling statement due to statement timeout', '57014')), 'timeout'],
    ['a constraint violation', failed(coded('duplicate key value violates unique constraint', '23505')), undefined],
    ['a syntax error', failed(coded('syntax error at or near "SELEC"', '42601')), undefined],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')"), undefined],
    ['a string', 'ECONNREFUSED', undefined],
  ])('%s', (_name, error, expected) => {
    expect(databaseFaultOf(error)).toBe(expected);
  });
});
