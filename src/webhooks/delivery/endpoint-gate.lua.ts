/**
 * How long an endpoint's gate hash lives after its TTL was last set: it holds the breaker, whose state
 * must outlast the longest open time by far. An admission sets it again once a day (a seventh of it),
 * not on every call, which keeps it above six days without a PEXPIRE per delivery.
 */
export const GATE_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Admission of one delivery to one endpoint, atomic in one round trip, on Redis's clock.
 * KEYS: [1] the gate (hash: `lease:<id>` = lease expiry for each delivery in flight, the breaker's
 * fields `failures`, `openUntil`, `trips`, `probe`, and `refreshedAt`, when its TTL was last set),
 * [2] sends in the last second (zset).
 * ARGV: [1] lease id, [2] concurrency cap, [3] lease ms, [4] sends per second (0: no limit), [5] '1' to
 * skip the breaker, [6] the gate's TTL ms.
 * Returns { verdict, ms }: 0 admitted; 1 at the concurrency cap (ms: how long the oldest delivery in flight has
 * been running); 2 over the rate limit, 3 breaker open (ms: until that ends).
 * Once the breaker's open time is over, one delivery at a time goes through as a probe (half-open).
 * One hash for leases and breaker, read whole (at most the cap's leases and five fields), makes an
 * admission four commands (EVALSHA, TIME, HGETALL, HSET) and a success's release one (HDEL), where a
 * lease zset beside a breaker hash took six and three.
 */
export const ACQUIRE_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease, cap, leaseMs, rate = 'lease:' .. ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

local fields = redis.call('HGETALL', KEYS[1])
local leases, breaker, lapsed = {}, {}, {}
local inFlight, oldestExpiry = 0, nil
for i = 1, #fields, 2 do
  local name, value = fields[i], fields[i + 1]
  if string.sub(name, 1, 6) == 'lease:' then
    local expiry = tonumber(value)
    leases[name] = expiry
    if expiry > now then
      inFlight = inFlight + 1
      if oldestExpiry == nil or expiry < oldestExpiry then oldestExpiry = expiry end
    else
      lapsed[#lapsed + 1] = name
    end
  else
    breaker[name] = value
  end
end
-- Lapsed leases are those of a worker that died mid-delivery: rare, and dropped as soon as seen.
if #lapsed > 0 then redis.call('HDEL', KEYS[1], unpack(lapsed)) end

local probing = false
if ARGV[5] ~= '1' then
  local openUntil = tonumber(breaker.openUntil or '0')
  if openUntil > now then return { 3, openUntil - now } end
  if openUntil > 0 then
    local probeExpiry = breaker.probe and leases[breaker.probe]
    if probeExpiry and probeExpiry > now then return { 3, 1000 } end
    probing = true
  end
end

if inFlight >= cap then return { 1, math.max(0, now - (oldestExpiry - leaseMs)) } end
if rate > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
  if redis.call('ZCARD', KEYS[2]) >= rate then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return { 2, math.max(1, tonumber(oldest[2]) + 1000 - now) }
  end
  redis.call('ZADD', KEYS[2], now, lease)
  redis.call('PEXPIRE', KEYS[2], 1000)
end
local ttl = tonumber(ARGV[6])
local set = { lease, now + leaseMs }
if probing then set[#set + 1] = 'probe'; set[#set + 1] = lease end
local refresh = now - tonumber(breaker.refreshedAt or '0') >= ttl / 7
if refresh then set[#set + 1] = 'refreshedAt'; set[#set + 1] = now end
redis.call('HSET', KEYS[1], unpack(set))
if refresh then redis.call('PEXPIRE', KEYS[1], ttl) end
return { 0, 0 }
`;

/** The breaker fields a success clears along with its lease: the receiver answered, so the breaker closes. */
export const BREAKER_FIELDS = ['failures', 'openUntil', 'trips', 'probe'] as const;

/**
 * The end of one admitted delivery that did not succeed: frees its lease and feeds the breaker (a
 * success is a plain HDEL of the lease and the breaker's fields).
 * KEYS: [1] the gate. ARGV: [1] lease id, [2] 'down' | 'neutral', [3] failures in a row that open the
 * breaker, [4] first open time ms, [5] longest open time ms, [6] the gate's TTL ms.
 * 'down' counts a failure while closed; a failed probe opens it again for twice as long. Failures of
 * deliveries already in flight when it opened change nothing.
 * Returns the ms the breaker was opened for by this call (0 if it was not).
 */
export const RELEASE_LUA = `
local lease, health = 'lease:' .. ARGV[1], ARGV[2]
local threshold, openMs, maxOpenMs = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])

redis.call('HDEL', KEYS[1], lease)
local breaker = redis.call('HMGET', KEYS[1], 'openUntil', 'probe', 'trips')
local openUntil = tonumber(breaker[1] or '0')
local isProbe = breaker[2] == lease
if health == 'neutral' then
  if isProbe then redis.call('HDEL', KEYS[1], 'probe') end
  return 0
end

local trips = 0
if openUntil == 0 then
  if redis.call('HINCRBY', KEYS[1], 'failures', 1) >= threshold then trips = 1 end
elseif isProbe then
  trips = tonumber(breaker[3] or '1') + 1
end
local openFor = 0
if trips > 0 then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  openFor = math.min(maxOpenMs, openMs * 2 ^ (trips - 1))
  redis.call('HSET', KEYS[1], 'openUntil', now + openFor, 'trips', trips)
  redis.call('HDEL', KEYS[1], 'probe')
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
return openFor
`;
