/**
 * Admission of one delivery to one endpoint, atomic in one round trip, on Redis's clock.
 * KEYS: [1] in-flight leases (zset, score = lease expiry), [2] sends in the last second (zset), [3] breaker (hash).
 * ARGV: [1] lease id, [2] concurrency cap, [3] lease ms, [4] sends per second (0: no limit), [5] '1' to skip the breaker.
 * Returns { verdict, ms }: 0 admitted; 1 at the concurrency cap (ms: how long the oldest delivery in flight has
 * been running); 2 over the rate limit, 3 breaker open (ms: until that ends).
 * Once the breaker's open time is over, one delivery at a time goes through as a probe (half-open).
 */
export const ACQUIRE_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease, cap, leaseMs, rate = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

local probing = false
if ARGV[5] ~= '1' then
  local breaker = redis.call('HMGET', KEYS[3], 'openUntil', 'probe')
  local openUntil = tonumber(breaker[1] or '0')
  if openUntil > now then return { 3, openUntil - now } end
  if openUntil > 0 then
    local probeExpiry = breaker[2] and redis.call('ZSCORE', KEYS[1], breaker[2])
    if probeExpiry and tonumber(probeExpiry) > now then return { 3, 1000 } end
    probing = true
  end
end

local inFlight = redis.call('ZCARD', KEYS[1])
if inFlight >= cap then
  -- Lapsed leases (a worker that died) are swept only when they could matter: at the cap.
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  inFlight = redis.call('ZCARD', KEYS[1])
end
if inFlight >= cap then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return { 1, math.max(0, now - (tonumber(oldest[2]) - leaseMs)) }
end
if rate > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
  if redis.call('ZCARD', KEYS[2]) >= rate then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return { 2, math.max(1, tonumber(oldest[2]) + 1000 - now) }
  end
  redis.call('ZADD', KEYS[2], now, lease)
  redis.call('PEXPIRE', KEYS[2], 1000)
end
redis.call('ZADD', KEYS[1], now + leaseMs, lease)
redis.call('PEXPIRE', KEYS[1], leaseMs)
if probing then redis.call('HSET', KEYS[3], 'probe', lease) end
return { 0, 0 }
`;

/**
 * The end of one admitted delivery: frees its lease and feeds the breaker.
 * KEYS: [1] in-flight leases, [2] breaker. ARGV: [1] lease id, [2] 'up' | 'down' | 'neutral',
 * [3] failures in a row that open the breaker, [4] first open time ms, [5] longest open time ms.
 * 'up' (the receiver answered) closes the breaker. 'down' counts a failure while closed; a failed probe
 * opens it again for twice as long. Failures of deliveries already in flight when it opened change nothing.
 * Returns the ms the breaker was opened for by this call (0 if it was not).
 */
export const RELEASE_LUA = `
local lease, health = ARGV[1], ARGV[2]
local threshold, openMs, maxOpenMs = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])

redis.call('ZREM', KEYS[1], lease)
if health == 'up' then
  redis.call('DEL', KEYS[2])
  return 0
end
local breaker = redis.call('HMGET', KEYS[2], 'openUntil', 'probe', 'trips')
local openUntil = tonumber(breaker[1] or '0')
local isProbe = breaker[2] == lease
if health == 'neutral' then
  if isProbe then redis.call('HDEL', KEYS[2], 'probe') end
  return 0
end

local trips = 0
if openUntil == 0 then
  if redis.call('HINCRBY', KEYS[2], 'failures', 1) >= threshold then trips = 1 end
elseif isProbe then
  trips = tonumber(breaker[3] or '1') + 1
end
local openFor = 0
if trips > 0 then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  openFor = math.min(maxOpenMs, openMs * 2 ^ (trips - 1))
  redis.call('HSET', KEYS[2], 'openUntil', now + openFor, 'trips', trips)
  redis.call('HDEL', KEYS[2], 'probe')
end
redis.call('PEXPIRE', KEYS[2], 604800000)
return openFor
`;
