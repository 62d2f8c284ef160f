/**
 * Sliding-log rate limit, atomic in one round trip.
 * KEYS[1]: the bucket. ARGV[1]: limit. ARGV[2]: window in ms. ARGV[3]: a unique id for this request.
 * Time is Redis's own, so every API replica judges by the same clock.
 * Returns { allowed (0|1), remaining, ms until the oldest counted request leaves the window }.
 */
export const SLIDING_WINDOW_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', KEYS[1], window)

local reset = window
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then reset = tonumber(oldest[2]) + window - now end
return { allowed, limit - count, reset }
`;
